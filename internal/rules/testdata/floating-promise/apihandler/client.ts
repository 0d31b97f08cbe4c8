import axios from "axios";

// One request helper for the whole UI: the method is a parameter that
// defaults to a read, and an inner fetcher picks the request by it.
const request = async <T,>(url: string, payload: unknown = "", method: "get" | "post" | "put" | "delete" = "get"): Promise<T> => {
  const fetcher = async (url: string, payload?: unknown, method: "get" | "post" | "put" | "delete" = "get") => {
    switch (method) {
      case "get":
        return (await axios.get<T>(`/api${url}`)).data;
      case "post":
        return (await axios.post<T>(`/api${url}`, payload)).data;
      case "put":
        return (await axios.put<T>(`/api${url}`, payload)).data;
      case "delete":
        return (await axios.delete<T>(`/api${url}`, { data: payload })).data;
    }
  };
  const data = await fetcher(url, payload, method);
  return data as T;
};

export const getJSON = async <T = any,>(url: string) => await request<T>(url);
export const postJSON = async <T = any,>(url: string, payload: unknown) => await request<T>(url, payload, "post");
export const deleteJSON = async <T = any,>(url: string) => await request<T>(url, "", "delete");
