import React, { useState } from "react";
import { forwardRefIfNeeded } from "./react";

type ButtonProps = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  onClick?: (e: React.MouseEvent<HTMLButtonElement>) => void | Promise<void>;
};

// Awaits its click handler: a spinner until it settles, an alert when it
// rejects.
export const Button = forwardRefIfNeeded<HTMLButtonElement, ButtonProps>(({ onClick, ...props }, ref) => {
  const [busy, setBusy] = useState(false);
  const handleClick = async (e: React.MouseEvent<HTMLButtonElement>) => {
    setBusy(true);
    try {
      await onClick?.(e);
    } catch (err) {
      alert(String(err));
    } finally {
      setBusy(false);
    }
  };
  return <button ref={ref} disabled={busy} onClick={handleClick} {...props} />;
});
