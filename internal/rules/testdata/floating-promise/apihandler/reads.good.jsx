import { useEffect, useState } from "react";
import { check, load } from "./http";

// A read, and a dry run that only checks: when either fails, the field
// stays empty and the browser logs the error.
export function Profile({ id }) {
  const [user, setUser] = useState(null);
  const [valid, setValid] = useState(null);
  useEffect(() => {
    load(`/users/${id}`).then(setUser);
  }, [id]);
  return <button onClick={() => check(`/users/${id}`, user).then(setValid)}>{String(valid)}</button>;
}
