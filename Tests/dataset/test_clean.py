"""Tests of `sculpt dataset clean`'s pipeline (Sources/SculptCore/Resources/Dataset/clean.py) on planted corpora."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Sources/SculptCore/Resources/Dataset"))
import clean  # noqa: E402

FIXTURES = ROOT / "Tests/Fixtures/dataset"


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")
    summary = clean.clean([FIXTURES / "corpus", FIXTURES / "qa.jsonl"], out, [FIXTURES / "eval.jsonl"])
    kept = {r["id"]: r for r in clean.read_jsonl_folder(out)}
    card = (out / "DATACARD.md").read_text()
    return summary, kept, card


def dropped_ids(card: str, step: str) -> set[str]:
    return {line[2:].split(": ")[0] for line in card.splitlines() if line.startswith("- ") and f": {step}: " in line}


def test_bigcode_quality_thresholds_and_generated_files(cleaned):
    _, kept, card = cleaned
    quality = dropped_ids(card, "quality")
    assert quality == {"corpus/repo_mit/bundle.min.js", "corpus/repo_mit/wide.py", "corpus/repo_mit/banner.txt",
                       "corpus/repo_mit/notes_pb2.py"}
    assert "a line over 1000 characters" in card and "mean line length over 100" in card
    assert "alphanumeric fraction under 0.25" in card and "auto-generated" in card


def test_licences_kept_and_non_permissive_dropped(cleaned):
    _, kept, card = cleaned
    assert dropped_ids(card, "licence") == {"corpus/repo_gpl/tasks.py", "corpus/repo_nolicense/script.py", "q4"}
    assert "licence gpl-3.0 is not permissive" in card and "no licence found" in card
    assert kept["corpus/repo_mit/main.go"]["metadata"]["license"] == "mit"
    assert kept["corpus/repo_spdx/Server.swift"]["metadata"]["license"] == "apache-2.0"
    assert kept["q2"]["metadata"]["license"] == "cc-by-sa-4.0"


def test_decontamination_against_the_evaluation_set(cleaned):
    _, kept, card = cleaned
    assert dropped_ids(card, "decontam") == {"corpus/repo_mit/homework.py"}


def test_exact_and_near_duplicates_leave_one(cleaned):
    _, kept, card = cleaned
    assert dropped_ids(card, "exact") == {"corpus/repo_mit/app_copy.py", "q3"}
    assert dropped_ids(card, "near") == {"corpus/repo_mit/app_near.py"}
    assert "corpus/repo_mit/app.py" in kept and "q1" in kept


def test_secrets_and_personal_data_redacted(cleaned):
    _, kept, _ = cleaned
    text = kept["corpus/repo_mit/settings.py"]["text"]
    for secret in ["alice.admin@example.com", "bob_support@example.org", "203.0.113.42", "AKIAIOSFODNN7EXAMPLE",
                   "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
                   "sk-live-51HfRt2eZvKYlo2C9xQwErTyUiOp"]:
        assert secret not in text
    for placeholder in ["<EMAIL>", "<IP_ADDRESS>", "<AWS_KEY>", "<GITHUB_TOKEN>", "<API_KEY>", "<SECRET>"]:
        assert placeholder in text
    assert 'PORT = int(os.environ.get("PORT", "8000"))' in text  # ordinary code is left alone
    assert "carol@example.net" not in kept["q1"]["text"] and "<EMAIL>" in kept["q1"]["text"]


def test_language_and_framework_labels(cleaned):
    summary, kept, _ = cleaned
    assert kept["corpus/repo_mit/app.py"]["metadata"]["language"] == "python"
    assert kept["corpus/repo_mit/app.py"]["metadata"]["framework"] == ["flask"]
    assert kept["corpus/repo_mit/main.go"]["metadata"]["language"] == "go"
    assert kept["corpus/repo_spdx/Server.swift"]["metadata"]["framework"] == ["hummingbird"]
    assert summary["kept"] == len(kept) == 6


def datasketch_clusters(docs, bands, rows):
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(num_perm=clean.NUM_PERM, params=(bands, rows))
    hashes = {}
    for d in docs:
        m = MinHash(num_perm=clean.NUM_PERM, seed=1)
        for shingle in clean.shingles(d["text"]):
            m.update(shingle.encode())
        hashes[d["id"]] = m
        lsh.insert(d["id"], m)
    parent = {d["id"]: d["id"] for d in docs}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for key, m in hashes.items():
        for other in lsh.query(m):
            parent[find(key)] = find(other)
    return partition({d["id"]: find(d["id"]) for d in docs})


def partition(assign: dict) -> set[frozenset]:
    groups = {}
    for k, g in assign.items():
        groups.setdefault(g, set()).add(k)
    return {frozenset(v) for v in groups.values()}


def test_near_dedup_clusters_agree_with_datasketch(tmp_path):
    docs = [json.loads(l) for l in (FIXTURES / "neardup/corpus.jsonl").read_text().splitlines()]
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in/docs.jsonl", "w") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "text": d["text"]}) + "\n")
    clean.near_dedup(tmp_path / "in", tmp_path / "work", tmp_path / "kept", tmp_path / "removed")
    kept = clean.read_jsonl_folder(tmp_path / "kept")
    removed = clean.read_jsonl_folder(tmp_path / "removed")
    assert len(kept) + len(removed) == len(docs)
    assign = {}
    for r in kept + removed:
        cid = r["metadata"].get("minhash_cluster_id")
        assign[r["id"]] = f"c{cid}" if cid is not None and cid != -1 else r["id"]
    ours = partition(assign)
    planted = partition({d["id"]: d["family"] for d in docs})
    bands, rows = clean.lsh_params()
    assert bands * rows <= clean.NUM_PERM
    theirs = datasketch_clusters(docs, bands, rows)
    assert ours == theirs
    assert ours == planted
    assert len(removed) == len(docs) - len(planted)  # one record kept per cluster
