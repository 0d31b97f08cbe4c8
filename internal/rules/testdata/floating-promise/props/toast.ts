export const toast = {
  error(message: string) {
    console.error(message);
  },
};
