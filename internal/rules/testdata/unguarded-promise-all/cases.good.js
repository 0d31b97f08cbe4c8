// One case of the switch runs per activity, and each pushes at most one
// write: the array never holds two, so Promise.all starts no batch.
async function sideEffects(store, activity, actorId) {
  const toDo = [];
  switch (activity.type) {
    case "like":
      toDo.push(store.increment("likes", activity.object, "count", 1));
      break;
    case "undo":
      if (activity.object) {
        toDo.push(store.removeActivity(activity.object, actorId));
      }
      break;
    case "update":
      if (activity.object.isActivity) {
        toDo.push(store.updateActivity(activity.object, true));
      } else {
        toDo.push(store.updateObject(activity.object, actorId, true));
      }
      break;
  }
  await Promise.all(toDo);
}

module.exports = { sideEffects };
