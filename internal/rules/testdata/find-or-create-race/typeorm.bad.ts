import { BadRequestException, Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { Invite } from "./entities/enrolment";

// The same duplicate check on columns no key covers: two concurrent
// invites both pass it and both rows are kept.
@Injectable()
export class InviteService {
  constructor(@InjectRepository(Invite) private readonly invites: Repository<Invite>) {}

  async invite(organization: string, email: string) {
    const found = await this.invites.findOne({ where: { organization, email } });
    if (found) throw new BadRequestException("already invited");
    return this.invites.save({ organization, email }); // expect: find-or-create-race
  }
}
