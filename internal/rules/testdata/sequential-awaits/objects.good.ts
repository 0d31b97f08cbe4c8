import { getAuth, type User } from "firebase/auth";
import * as auth from "firebase/auth";

// Two calls on one library object that racecheck has no model of: the
// second may read what the first changed (a refreshed token), so their
// order may matter.
export async function session(refresh: boolean) {
  const user: User = getAuth().currentUser!;
  const idToken = await user.getIdToken(refresh);
  const decoded = await user.getIdTokenResult(false);
  return { idToken, expires: decoded.expirationTime };
}

const storage = require("./storage").create();

export async function stats() {
  const users = await storage.getUniqueUsers(new Date());
  const viewers = await storage.getViewers(new Date());
  return { users, viewers };
}

export async function claims(user: User) {
  const token = await user.getIdToken(true);
  const result = await user.getIdTokenResult(false);
  return { token, claims: result.claims };
}

// The same type named through the package's namespace.
export async function customClaim(user: auth.User, name: string) {
  const token = await user.getIdToken(true);
  const result = await user.getIdTokenResult(false);
  return { token, claim: result.claims[name] };
}
