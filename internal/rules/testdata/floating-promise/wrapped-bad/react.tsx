import React from "react";

// Picks forwardRef by React version: React 19 passes ref as a prop.
export function forwardRefIfNeeded<T, P = {}>(render: React.ForwardRefRenderFunction<T, P>): React.FC<P & { ref?: React.Ref<T> }> {
  const major = parseInt(React.version.split(".")[0]);
  if (major < 19) {
    return React.forwardRef<T, P>(render as any) as any;
  }
  return ((props: P) => render(props, (props as any).ref)) as any;
}
