const http = require("http");
const { writeKeyOnce } = require("./keys.bad");

http
  .createServer(async (req, res) => {
    await writeKeyOnce("/var/lib/app");
    res.end("ok");
  })
  .listen(8080);
