const { Sequelize, DataTypes } = require("sequelize");

const sequelize = new Sequelize(process.env.DATABASE_URL);

const Member = sequelize.define("Member", { points: DataTypes.INTEGER, level: DataTypes.STRING, badges: DataTypes.JSON });

module.exports = { Member };
