import { useEffect, useState } from "react";

// setError is a React state setter, not a completion callback: calling it
// in .then and again in .catch only schedules two renders.
export function Stars({ load }: { load: () => Promise<number> }) {
  const [stars, setStars] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    load()
      .then((n) => {
        setStars(n);
        setError(null);
      })
      .catch((err) => {
        setError(err);
      });
  }, [load]);
  return <span title={error?.message}>{stars}</span>;
}
