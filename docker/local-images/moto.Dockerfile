# A stand-in for localstack/localstack (built by build.sh): moto server with the services the functions and
# `talent provision` use (S3, DynamoDB, SQS, SSM; Secrets Manager as compose's SERVICES lists it).
ARG BASE_IMAGE=talent-local/debian-python:bookworm
FROM ${BASE_IMAGE}

RUN pip install --no-cache-dir 'moto[server,s3,dynamodb,sqs,ssm,secretsmanager]==5.2.5'

USER 65534:65534
EXPOSE 4566
ENTRYPOINT ["moto_server", "-H", "0.0.0.0", "-p", "4566"]
