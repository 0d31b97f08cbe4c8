const passport = require("passport");
const { findUserById } = require("./users");

passport.serializeUser((user, done) => {
  findUserById(user.id)
    .then((found) => done(null, found.id))
    .catch(done);
});
