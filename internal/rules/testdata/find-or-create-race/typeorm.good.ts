import { ConflictException, Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { DataSource, QueryRunner, Repository } from "typeorm";
import { Enrolment } from "./entities/enrolment";

// A duplicate check on the entity's primary key: the loser of a race fails
// on the key instead of the check, the outcome the check wanted.
@Injectable()
export class EnrolmentService {
  constructor(@InjectRepository(Enrolment) private readonly enrolments: Repository<Enrolment>) {}

  async enrol(journey: string, customer: string) {
    const found = await this.enrolments.findOne({ where: { journey, customer } });
    if (found) throw new ConflictException(`${customer} is already enrolled`);
    await this.enrolments.save({ journey, customer, enteredAt: Date.now() });
  }

  async enrolIn(runner: QueryRunner, journey: string, customer: string) {
    const found = await runner.manager.findOne(Enrolment, { where: { journey, customer } });
    if (found) throw new ConflictException(`${customer} is already enrolled`);
    await runner.manager.save(Enrolment, { journey, customer, enteredAt: Date.now() });
  }
}

// A repository made per journey: the helper's lookup reads the journey from
// this, which is the caller's this, so the key is (journey, customer).
export class JourneyEnrolments {
  private readonly enrolments: Repository<Enrolment>;

  constructor(private readonly journey: string, dataSource: DataSource) {
    this.enrolments = dataSource.getRepository(Enrolment);
  }

  async get(customer: string) {
    return this.enrolments.findOne({ where: { journey: this.journey, customer } });
  }

  async enrol(customer: string) {
    if (await this.get(customer)) throw new ConflictException(`${customer} is already enrolled`);
    await this.enrolments.insert({ journey: this.journey, customer, enteredAt: Date.now() });
  }
}
