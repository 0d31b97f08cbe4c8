export function broken( {
  return [1, 2;
}}}
