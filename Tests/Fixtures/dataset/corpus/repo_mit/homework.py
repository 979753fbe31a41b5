# A solution someone pasted with the exact wording of a benchmark requirement.
REQUIREMENT = "We rent out cars. For each car we keep: VIN (17 characters exactly, unique, required), make, model, year (between 1990 and 2030), color, daily price, mileage (km, 0 or more), fuel type: petrol, diesel, hybrid or electric."


def answer():
    return {"entities": ["car"]}
