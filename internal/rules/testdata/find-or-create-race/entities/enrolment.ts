import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

// One enrolment per journey and customer: the two primary columns are
// one key.
@Entity("journey_enrolment")
export class Enrolment {
  @PrimaryColumn()
  journey!: string;

  @PrimaryColumn()
  customer!: string;

  @Column({ type: "bigint" })
  enteredAt!: number;
}

// Invites carry no unique key.
@Entity()
export class Invite {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column()
  email!: string;

  @Column()
  organization!: string;
}
