import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("starboard_reactions")
export class StarboardReaction {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  message_id!: string;

  @Column()
  reactor_id!: string;

  @Column()
  emoji!: string;
}
