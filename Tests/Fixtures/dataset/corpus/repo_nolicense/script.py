import sqlite3

conn = sqlite3.connect("inventory.db")
conn.execute("create table if not exists items (id integer primary key, name text not null, qty integer)")
conn.commit()
print("ready")
