const db = require("../db");

const cacheController = module.exports;

// Reports through next, but the route wraps it in tryRoute, which awaits
// it and hands a rejection to next.
cacheController.dump = async function (req, res, next) {
  const found = await db.findCache(req.query.name);
  if (!found) {
    return next();
  }
  res.write(JSON.stringify(found), (err) => {
    if (err) {
      return next(err);
    }
    res.end();
  });
};
