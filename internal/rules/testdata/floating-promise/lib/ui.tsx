import { Button as KitButton } from "@acme/ui-kit";

// A design-system button that hands its onClick to a UI kit's button,
// which ignores whatever the handler returns.
export function Button({ onClick, children }: { onClick?: () => void; children?: unknown }) {
  return <KitButton onClick={onClick}>{children}</KitButton>;
}
