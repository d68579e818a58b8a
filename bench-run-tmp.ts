import bench from './bench/pinger';
bench().then((f) => console.table(f));
