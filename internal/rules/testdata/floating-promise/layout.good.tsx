import { useCallback, useEffect } from "react";
import { computePosition } from "@floating-ui/dom";

// A layout helper of a package racecheck knows nothing about: in the
// browser that is no evidence of a rejection.
export function Popover({ anchor, panel }: { anchor: HTMLElement; panel: HTMLElement }) {
  const update = useCallback(async () => {
    const { x, y } = await computePosition(anchor, panel);
    panel.style.left = `${x}px`;
    panel.style.top = `${y}px`;
  }, [anchor, panel]);

  useEffect(() => {
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, [update]);

  return <div />;
}
