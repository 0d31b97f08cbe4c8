import axios from "axios";

// The project's HTTP client: an axios instance, with axios's methods.
export const api = axios.create({ baseURL: "/api" });
