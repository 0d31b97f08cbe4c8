import { Link } from "./Link";

export function Pin({ id }) {
  const pin = async () => {
    await fetch(`/api/documents/${id}/pin`, { method: "POST" });
  };
  return <Link onOpen={pin}>Pin</Link>; // expect: floating-promise
}
