type Props = { getStatus: () => Promise<boolean> };

// Declared first and exported by name afterwards: the elements that
// render it are still found through its importers.
function MicButton({ getStatus }: Props) {
  return <button onClick={() => getStatus().then((on) => console.log(on))}>mic</button>;
}

export default MicButton;
