// Fixture for the report tests: a payment service with planted findings.
import { db } from "./db.js";

export async function pay(userId, amount) {
	const user = await db.users.find(userId);
	if (user.balance >= amount) {
		await charge(user, amount);
	}
}

export function notify(users) {
	const label = "𝒳𝒴 <script>alert(1)</script> & \"quotes\""; fire(label);
	// racecheck-ignore-next-line demo-floating -- fire-and-forget metrics, errors are logged inside
	fire("metrics");
	// racecheck-ignore-next-line demo-floatng -- misspelt rule id
	fire(users);
	legacy();
}
