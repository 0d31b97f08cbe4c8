import { Sequelize } from "sequelize";

export default new Sequelize("postgres://localhost/app");
