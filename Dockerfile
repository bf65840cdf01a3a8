# Collaboration Findings Explorer: one Streamlit server per container.
# Build:  docker build -t findings-explorer .
# Run:    docker run -p 8501:8501 -e STREAMLIT_SERVER_COOKIE_SECRET="$(openssl rand -hex 32)" findings-explorer
# See docs/deploy.md for running several replicas behind a load balancer.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# An unprivileged user owns nothing but its home and state/, the store's SQLite file (rooms, kept plans);
# uploads stay in memory unless presented in a room. Mount a volume there, or set EXPLORER_DATABASE_URL
# to a PostgreSQL database (docs/deploy.md).
RUN groupadd --system app && useradd --system --gid app --create-home --home-dir /home/app app

WORKDIR /app

# The app's own dependencies, every package pinned with its hashes (requirements.lock, made from requirements.txt
# by scripts/lock.sh), as the README's first command installs them; test tools stay out of the image.
COPY requirements.lock .
RUN pip install --no-compile --require-hashes -r requirements.lock

COPY --chown=root:root . .
RUN mkdir -p /app/state && chown app:app /app/state
VOLUME /app/state

USER app

EXPOSE 8501

# Streamlit answers 200 "ok" on /_stcore/health once the server is up. The slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

# Production settings (no error details, viewer toolbar, XSRF on, small uploads) come from .streamlit/config.toml.
# scripts/serve.sh runs this same command for each replica behind HAProxy (docs/deploy.md); keep the two alike.
CMD ["streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"]
