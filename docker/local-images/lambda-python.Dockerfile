# A stand-in for public.ecr.aws/lambda/python:3.12 (built by build.sh; never pushed, never deployed):
# Debian's Python 3.11, the Lambda runtime interface client from PyPI, and lambda_emulator.py standing in
# for the Runtime Interface Emulator, with the layout the AWS image has (LAMBDA_TASK_ROOT, handler as CMD).
ARG BASE_IMAGE=talent-local/debian-python:bookworm
FROM ${BASE_IMAGE}

ENV LAMBDA_TASK_ROOT=/var/task \
    LAMBDA_RUNTIME_DIR=/var/runtime \
    PYTHONUNBUFFERED=1 \
    TZ=:/etc/localtime

# `python` as the AWS image has it (function.Dockerfile compiles with it).
RUN pip install --no-cache-dir awslambdaric==4.2.2 \
    && ln -s /usr/bin/python3 /usr/local/bin/python

COPY lambda_emulator.py ${LAMBDA_RUNTIME_DIR}/lambda_emulator.py
WORKDIR ${LAMBDA_TASK_ROOT}

# The invoke API; the Runtime API listens on the container's 127.0.0.1:9001 only.
EXPOSE 8080
ENTRYPOINT ["python3", "/var/runtime/lambda_emulator.py"]
CMD ["app.handler"]
