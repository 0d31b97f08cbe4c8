const { MongoClient } = require("mongodb");

const db = new MongoClient(process.env.MONGO_URL).db();

// Appends with the database's own operator: nothing is written from the copy.
async function openSession(user, session) {
  await db.collection("users").updateOne({ _id: user._id }, { $push: { sessions: session }, $inc: { logins: 1 } });
}

// Reads the user again and writes only if nobody changed the list meanwhile.
async function closeSession(user, sid) {
  const fresh = await db.collection("users").findOne({ _id: user._id });
  const sessions = fresh.sessions.filter((s) => s.id !== sid);
  await db.collection("users").updateOne({ _id: user._id, sessions: fresh.sessions }, { $set: { sessions } });
}

async function login(email, session) {
  const user = await db.collection("users").findOne({ email });
  await fetch("https://audit.example.com/login/" + user._id);
  await openSession(user, session);
  await closeSession(user, session.previous);
}

module.exports = { login };
