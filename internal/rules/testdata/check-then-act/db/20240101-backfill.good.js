// A migration step: the runner calls up() once, under its migration lock, so
// a read-then-write is not a race here (whatever folder the file is in).
module.exports = async function up(db) {
  const config = await db.getObject("config");
  if (config.maxUploadSize < 1024) {
    await db.setObjectField("config", "maxUploadSize", config.maxUploadSize * 1024);
  }
};
