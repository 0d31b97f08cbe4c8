// The index written back is computed from the one read before the await:
// a selection made meanwhile is lost and replaced by a stale neighbour.
let speakerSelect = null;

async function nextSpeaker(reload) {
  const index = speakerSelect ? speakerSelect.selectedIndex : 0;
  await reload(speakerSelect);
  if (speakerSelect) speakerSelect.selectedIndex = index + 1; // expect: shared-state-across-await
}

module.exports = { nextSpeaker, setSelect: (s) => { speakerSelect = s; } };
