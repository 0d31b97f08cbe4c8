const express = require('express');
const { redeem } = require('./giftCards');
const { signIn } = require('./users');
const { increment } = require('./counters');
const { idempotency } = require('./idempotency');
const { paymentSucceeded } = require('./webhooks');
const { startTrial } = require('./trials');
const { claimNext } = require('./jobs');
const { createOrder } = require('../orders');

const router = express.Router();

router.post('/gift-cards/:code/redeem', redeem);
router.post('/users/sign-in', signIn);
router.post('/counters/:name/increment', increment);
router.post('/orders', idempotency, createOrder);
router.post('/webhooks/payments', paymentSucceeded);
router.post('/users/:id/trial', startTrial);
router.post('/jobs/claim', claimNext);

module.exports = router;
