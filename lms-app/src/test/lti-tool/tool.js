// A real LTI 1.3 tool for LtiIT, built on ltijs (https://cvmcosta.github.io/ltijs) with its
// PostgreSQL storage plugin on the IT's embedded PostgreSQL (database lti_tool). The test drives it:
//   POST /control/platform        registers Lectern as a platform (whitelisted, no ltik)
//   GET  /                        the launch target: answers the validated launch as JSON
//   POST /control/score?ltik=     posts a score with ltijs's Grade service
//   GET  /control/lineitems?ltik= reads line items with the Grade service
//   GET  /control/members?ltik=   reads the roster with the NamesAndRoles service
// A deep-linking launch is answered with ltijs's signed LtiDeepLinkingResponse form.
const lti = require('ltijs').Provider
const Database = require('ltijs-sequelize')

const port = Number(process.env.PORT)
const base = `http://127.0.0.1:${port}`
const db = new Database('lti_tool', 'lms', 'lms', {
  host: '127.0.0.1',
  port: Number(process.env.DB_PORT),
  dialect: 'postgres',
  logging: false
})

lti.setup(process.env.LTI_KEY || 'lectern-it-tool-key', { plugin: db }, {
  cookies: { secure: false, sameSite: '' },
  devMode: false,
  tokenMaxAge: 60
})

lti.whitelist({ route: '/control/platform', method: 'post' })

lti.onConnect(async (token, req, res) => {
  const context = res.locals.context
  return res.json({
    ltik: res.locals.ltik,
    user: token.user,
    iss: token.iss,
    clientId: token.clientId,
    deploymentId: token.deploymentId,
    name: token.userInfo.name,
    email: token.userInfo.email,
    messageType: context.messageType,
    version: context.version,
    targetLinkUri: context.targetLinkUri,
    resource: context.resource,
    context: context.context,
    roles: context.roles,
    custom: context.custom,
    launchPresentation: context.launchPresentation,
    endpoint: context.endpoint,
    namesRoles: context.namesRoles
  })
})

lti.onDeepLinking(async (token, req, res) => {
  const items = [
    {
      type: 'ltiResourceLink',
      title: 'Deep-linked simulation',
      url: `${base}/`,
      custom: { level: 'two' },
      lineItem: { scoreMaximum: 10, label: 'Simulation score', resourceId: 'sim-1' }
    },
    { type: 'ltiResourceLink', title: 'Deep-linked reading', url: `${base}/` }
  ]
  const form = await lti.DeepLinking.createDeepLinkingForm(token, items, { message: 'Added' })
  return res.send(form)
})

const express = require('express')
lti.app.use('/control', express.json())

lti.app.post('/control/platform', async (req, res) => {
  try {
    const platform = await lti.registerPlatform({
      url: req.body.url,
      name: 'Lectern',
      clientId: req.body.clientId,
      authenticationEndpoint: req.body.authenticationEndpoint,
      accesstokenEndpoint: req.body.accesstokenEndpoint,
      authConfig: { method: 'JWK_SET', key: req.body.jwksUrl }
    })
    return res.json({ kid: await platform.platformKid() })
  } catch (e) {
    return res.status(500).json({ error: String(e && e.message) })
  }
})

lti.app.post('/control/score', async (req, res) => {
  try {
    const token = res.locals.token
    const lineItem = req.body.lineItem || res.locals.context.endpoint.lineitem
    const score = {
      userId: req.body.userId || token.user,
      scoreGiven: req.body.scoreGiven,
      scoreMaximum: req.body.scoreMaximum,
      activityProgress: req.body.activityProgress,
      gradingProgress: req.body.gradingProgress
    }
    const sent = await lti.Grade.submitScore(token, lineItem, score)
    return res.json({ sent, lineItem })
  } catch (e) {
    return res.status(502).json(failure(e))
  }
})

lti.app.get('/control/lineitems', async (req, res) => {
  try {
    return res.json(await lti.Grade.getLineItems(res.locals.token))
  } catch (e) {
    return res.status(502).json(failure(e))
  }
})

lti.app.get('/control/members', async (req, res) => {
  try {
    const limit = req.query.limit ? Number(req.query.limit) : undefined
    return res.json(await lti.NamesAndRoles.getMembers(res.locals.token, { limit, pages: false }))
  } catch (e) {
    return res.status(502).json(failure(e))
  }
})

function failure (e) {
  return {
    error: String(e && e.message),
    status: e && e.response ? e.response.statusCode : undefined,
    body: e && e.response ? String(e.response.body) : undefined
  }
}

lti.deploy({ port, silent: true }).then(() => console.log(`listening ${port}`))
