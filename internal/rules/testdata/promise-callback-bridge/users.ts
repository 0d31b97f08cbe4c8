export async function findUserById(id: string) {
  return { id };
}
export async function findUserByEmail(email: string) {
  return { email };
}
