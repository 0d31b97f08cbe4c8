import { prisma } from "./db";

// The step was created by this request and its id not yet returned: no
// other request can read or change it in between.
export async function addStep(triggerId: string, name: string, previous?: string) {
  const step = await prisma.workflowStep.create({ data: { triggerId, name } });
  const created = await prisma.workflowStep.findUnique({ where: { id: step.id } });
  if (created && !created.nextStep && previous) {
    await prisma.workflowStep.update({ where: { id: step.id }, data: { nextStep: previous } });
  }
  return step.id;
}
