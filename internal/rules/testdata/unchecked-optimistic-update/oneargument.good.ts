import Docker from "dockerode";

const docker = new Docker();

// update(spec) with one object: the object is what is written, not a
// filter. Docker refuses a spec whose version is stale with an error.
export async function redeploy(name: string, image: string) {
  const service = docker.getService(name);
  const inspect = await service.inspect();
  await service.update({ version: Number(inspect.Version.Index), Name: name, TaskTemplate: { ContainerSpec: { Image: image } } });
}
