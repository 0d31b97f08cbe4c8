import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import { findUserById, findUserByEmail } from "./users";

// passport's done continues the Express chain, and Express runs every later
// handler inside its own try/catch: done never throws back into the .then,
// so the .catch cannot call it a second time.
passport.deserializeUser((id: string, done) => {
  findUserById(id)
    .then((user) => done(null, user))
    .catch(done);
});

passport.use(
  new LocalStrategy((email: string, password: string, done) => {
    findUserByEmail(email)
      .then((user) => done(null, user))
      .catch(done);
  }),
);
