const { set, merge } = require("lodash");

// Each element gets its defaults merged in and a flag set, on the value in
// memory: the service stores the result after the hook, once.
const applyDefaults = (loadDefaults) => async (context, next) => {
  const addDefaults = async (item) => {
    const defaults = await loadDefaults(item.type);
    return set(merge({}, defaults, item), "meta.resolved", true);
  };
  context.data = Array.isArray(context.data) ? await Promise.all(context.data.map(addDefaults)) : await addDefaults(context.data);
  return next();
};

module.exports = { applyDefaults };
