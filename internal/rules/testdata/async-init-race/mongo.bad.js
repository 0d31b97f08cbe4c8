const { MongoClient } = require("mongodb");
const nodemailer = require("nodemailer");

let db;

async function getDb() {
  if (typeof db === "undefined") {
    const client = await MongoClient.connect(process.env.MONGO_URL);
    db = client.db("app"); // expect: async-init-race
  }
  return db;
}

class Mailer {
  async transport() {
    if (!this.smtp || !this.smtp.isOpen) {
      this.smtp = await this.createTransport(); // expect: async-init-race
    }
    return this.smtp;
  }

  async createTransport() {
    return nodemailer.createTransport({ pool: true, host: process.env.SMTP_HOST });
  }
}

module.exports = { getDb, Mailer };
