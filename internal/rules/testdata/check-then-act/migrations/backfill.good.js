// Migrations run once, in one process: a read-then-write is not a race here.
module.exports = async function up(db) {
  const config = await db.getObject("config");
  if (config.maxUploadSize < 1024) {
    await db.setObjectField("config", "maxUploadSize", config.maxUploadSize * 1024);
  }
};
