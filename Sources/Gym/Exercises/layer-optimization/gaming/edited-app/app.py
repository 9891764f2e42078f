print('{"layer":{"0":"FROM","1":"COPY","2":"RUN"},"seconds":{"0":0.1,"1":0.2,"2":41.0}}')
