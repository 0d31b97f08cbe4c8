const { client } = require("./http");

// Promise.resolve of a request is the request: both still go out one
// after the other.
class Teams {
  static async getTeam(id) {
    return Promise.resolve(client.get(`/teams/${id}`));
  }

  static async getMembers(id) {
    return Promise.resolve(client.get(`/teams/${id}/members`));
  }

  static async page(id) {
    const team = await Teams.getTeam(id); // expect: sequential-awaits
    const members = await Teams.getMembers(id);
    return { team, members };
  }
}

module.exports = { Teams };
