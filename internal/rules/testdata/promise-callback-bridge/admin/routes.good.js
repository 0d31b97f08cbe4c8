const express = require("express");
const controllers = require("./controllers");

function tryRoute(controller) {
  return async (req, res, next) => {
    try {
      await controller(req, res, next);
    } catch (err) {
      next(err);
    }
  };
}

const router = express.Router();
router.get("/admin/cache", tryRoute(controllers.cache.dump));

module.exports = router;
