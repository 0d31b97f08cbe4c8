import React from "react";
import { forwardRefIfNeeded } from "./react";

type LinkProps = React.AnchorHTMLAttributes<HTMLAnchorElement> & { onOpen?: () => void | Promise<void> };

// Calls its handler and goes on: the promise is dropped.
export const Link = forwardRefIfNeeded<HTMLAnchorElement, LinkProps>(({ onOpen, ...props }, ref) => {
  return <a ref={ref} onClick={() => onOpen?.()} {...props} />;
});
