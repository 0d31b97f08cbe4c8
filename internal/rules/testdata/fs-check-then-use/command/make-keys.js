const { writeKeyOnce } = require("./keys.good");

writeKeyOnce(process.argv[2] || "keys").catch((err) => {
  console.error(err);
  process.exit(1);
});
