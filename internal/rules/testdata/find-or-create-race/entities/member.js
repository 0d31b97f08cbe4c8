const { EntitySchema } = require("typeorm");

// One membership per organisation and user.
const MemberEntity = new EntitySchema({
  name: "Member",
  tableName: "members",
  columns: {
    id: { primary: true, type: "int", generated: true },
    orgId: { type: "varchar" },
    userId: { type: "varchar" },
    note: { type: "varchar" },
  },
  uniques: [{ columns: ["orgId", "userId"] }],
});

module.exports = { MemberEntity };
