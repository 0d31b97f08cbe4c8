import mongoose from "mongoose";

const Team = mongoose.model("Team", new mongoose.Schema({ id: String, members: [String], seats: Number }));

// A size check is not membership: two requests both see a free seat and
// both add a member, so the team ends over its seats.
export async function join(id: string, userId: string) {
  const team = await Team.findOne({ id });
  if (!team || team.members.length >= team.seats) throw new Error("team is full");
  await Team.updateOne({ id }, { $addToSet: { members: userId } }); // expect: check-then-act
}
