# The production image. Its steps live in scripts/image.sh, which the test suite also runs
# outside Docker (tests/deploy/test_image.py): what is tested is what the image does.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home passerelles
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
RUN bash scripts/image.sh build
USER passerelles
ENV DEBUG=0 PORT=8000 LOG_FORMAT=json
EXPOSE 8000
# A real page (the login form, through templates, static manifest and middleware) and /healthz.
HEALTHCHECK --interval=30s --timeout=15s --start-period=20s --retries=3 CMD ["bash", "scripts/image.sh", "healthcheck"]
CMD ["bash", "scripts/image.sh", "serve"]
