const { WorkflowStep } = require("./models");

async function addStep(step, previous) {
  const id = await WorkflowStep.create(step);
  const created = await WorkflowStep.findOne({ where: { id } });
  if (created && !created.next_step) {
    await WorkflowStep.update({ next_step: previous }, { where: { id } });
  }
  return id;
}

module.exports = { addStep };
