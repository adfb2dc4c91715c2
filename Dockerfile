# The API and the projector from one image (docker-compose.yml picks the command).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build api && npx nest build projector && npm run build:web
ENV PORT=3000
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
