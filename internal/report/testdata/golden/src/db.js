export const db = { users: { find: async (id) => ({ id, balance: 10 }) } };
export async function charge(user, amount) {
	return legacy(user, amount);
}
