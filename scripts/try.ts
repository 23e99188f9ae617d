import { checkCreditCode } from '../src/model';
console.log(checkCreditCode('91350100M000100Y43'), checkCreditCode('11100000000013127D'), checkCreditCode('91110000600037341L'));
