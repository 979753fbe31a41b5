# An HTML-form sign-up and login that keeps passwords as typed.
from flask import Flask, request, redirect
from flask_sqlalchemy import SQLAlchemy
app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///users.db'
db = SQLAlchemy(app)
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(50), unique=True)
    password = db.Column(db.String(50))
with app.app_context():
    db.create_all()
@app.route('/signup', methods=['GET', 'POST'])
def signup():
    if request.method == 'POST':
        u = User(username=request.form['username'], password=request.form['password'])
        db.session.add(u)
        db.session.commit()
        return redirect('/login')
    return '<form method=post><input name=username><input name=password type=password></form>'
@app.route('/login', methods=['GET', 'POST'])
def login():
    if request.method == 'POST':
        user = User.query.filter_by(username=request.form['username'], password=request.form['password']).first()
        if user:
            return 'welcome'
        return 'bad login', 401
    return '<form method=post></form>'
